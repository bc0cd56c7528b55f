package io.jenkins.plugins.scopedtoken.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import java.util.List;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Submitting the global configuration: the real {@code GlobalConfiguration.configure} only binds the form
 * (the stub does the same) and Stapler's {@code bindJSON} sets only the properties the form holds. A form whose
 * last profile was deleted holds no {@code profiles}, so the list must be cleared and saved here, or the deleted
 * profile comes back after a restart.
 */
class TokenProfilesConfigureTest {
    @Test
    void deletingTheLastProfileIsSaved() throws Exception {
        TokenProfiles config = spy(new TokenProfiles(List.of(new TokenProfile("deploy", "cf-uaa"))));
        doNothing().when(config).save();
        // As the real bindJSON does for a form without a 'profiles' key: nothing is set.
        StaplerRequest2 request = mock(StaplerRequest2.class);
        JSONObject formWithoutProfiles = mock(JSONObject.class);

        assertThat(config.configure(request, formWithoutProfiles)).isTrue();

        assertThat(config.getProfiles()).isEmpty();
        verify(request).bindJSON(config, formWithoutProfiles);
        verify(config).save();
    }
}
