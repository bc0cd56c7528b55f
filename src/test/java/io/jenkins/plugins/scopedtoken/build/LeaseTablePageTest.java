package io.jenkins.plugins.scopedtoken.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The lease table fits the page (it was cut off at 1400 px with ten fixed-width columns): fixed layout,
 * long values wrap, Jenkins' small table style; the page escapes by default and runs no inline script.
 */
class LeaseTablePageTest {
    private static final String DIR = "io/jenkins/plugins/scopedtoken/build/ScopedTokenRunAction/";

    @Test
    void theTableWrapsLongCellsInsteadOfOverflowing() throws IOException {
        String page = read("index.jelly");
        String css = read("leases.css");

        assertThat(page).contains("<?jelly escape-by-default='true'?>")
                .contains("class=\"jenkins-table jenkins-table--small sortable scoped-token-leases\"")
                .contains("<st:adjunct includes=\"io.jenkins.plugins.scopedtoken.build.ScopedTokenRunAction.leases\"/>")
                .doesNotContain("<script").doesNotContain("style=");
        assertThat(page.split("<th[ >]", -1)).as("columns").hasSize(10);
        assertThat(css).contains("table-layout: fixed", "width: 100%", "overflow-wrap: anywhere", "white-space: normal");
    }

    private static String read(String name) throws IOException {
        try (InputStream in = LeaseTablePageTest.class.getClassLoader().getResourceAsStream(DIR + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
