package io.jenkins.plugins.scopedtoken.token;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The name of the environment variable a token is bound to: POSIX portable ({@code [A-Za-z_][A-Za-z0-9_]*}),
 * and not one that would shadow what the shell, the dynamic linker or Jenkins relies on.
 */
public record EnvironmentVariableName(String value) {
    private static final Pattern POSIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** Variables whose replacement would break the build or change what runs (compared case-insensitively). */
    private static final Set<String> RESERVED = Set.of(
            "PATH", "HOME", "USER", "LOGNAME", "SHELL", "PWD", "OLDPWD", "TMPDIR", "TEMP", "TMP", "IFS", "PS1", "PS4",
            "ENV", "BASH_ENV", "CDPATH", "LANG", "TERM", "TZ", "HOSTNAME", "SYSTEMROOT", "COMSPEC", "PATHEXT", "WINDIR",
            "USERPROFILE", "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "DYLD_INSERT_LIBRARIES", "DYLD_LIBRARY_PATH",
            "JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "CLASSPATH", "MAVEN_OPTS",
            "PYTHONPATH", "NODE_OPTIONS", "WORKSPACE", "JENKINS_HOME", "JENKINS_URL", "BUILD_NUMBER", "BUILD_ID",
            "BUILD_URL", "JOB_NAME", "JOB_URL", "NODE_NAME", "EXECUTOR_NUMBER", "STAGE_NAME", "BRANCH_NAME");

    private static final Set<String> RESERVED_PREFIXES = Set.of("LD_", "DYLD_", "BASH_FUNC_", "JENKINS_");

    // Declared after the sets above: the constructor reads them during class initialisation.
    public static final EnvironmentVariableName DEFAULT = new EnvironmentVariableName("SCOPED_TOKEN");

    public EnvironmentVariableName {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("The variable name is empty; give a name such as SCOPED_TOKEN.");
        }
        if (!POSIX.matcher(value).matches()) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
            throw new InvalidInputException("The variable name '" + shown.replaceAll("[^\\x21-\\x7E]", "?")
                    + "' is not a valid environment variable name; use letters, digits and underscores, not starting with a digit (at most 128 characters).");
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (RESERVED.contains(upper) || RESERVED_PREFIXES.stream().anyMatch(upper::startsWith)) {
            throw new InvalidInputException("The variable name '" + value
                    + "' would replace a variable the shell, the system or Jenkins relies on; choose another name such as SCOPED_TOKEN.");
        }
    }

    public static EnvironmentVariableName parse(String text) {
        return text == null || text.isBlank() ? DEFAULT : new EnvironmentVariableName(text.trim());
    }

    @Override
    public String toString() {
        return value;
    }
}
