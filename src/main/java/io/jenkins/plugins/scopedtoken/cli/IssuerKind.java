package io.jenkins.plugins.scopedtoken.cli;

/** The {@code kind} of an issuer in the configuration file, named as in the plugin's configuration as code. */
enum IssuerKind {
    OAUTH2("oauth2"),
    CLOUD_FOUNDRY_UAA("cloudFoundryUaa");

    private final String configName;

    IssuerKind(String configName) {
        this.configName = configName;
    }

    String configName() {
        return configName;
    }

    static IssuerKind parseOrNull(String text) {
        for (IssuerKind k : values()) {
            if (k.configName.equalsIgnoreCase(text.trim())) {
                return k;
            }
        }
        return null;
    }
}
