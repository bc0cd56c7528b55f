package io.jenkins.plugins.scopedtoken.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The issuer credential form's web methods in a real Jenkins: POST only (a GET is refused), silent or refused
 * without Credentials/Create or Update, and a Test connection that gets a token from a scripted OAuth2 server
 * and revokes it at once.
 *
 * <p><b>Not run on the machines this plugin was developed on</b>: they cannot reach the Jenkins Maven
 * repository, so this suite runs only under {@code mvn -f jenkins/pom.xml verify} where that repository is
 * reachable. It must be run (and fixed if needed) before a release.
 */
@WithJenkins
class IssuerFormJenkinsTest {
    private static final String DESCRIPTOR = "descriptorByName/io.jenkins.plugins.scopedtoken.credentials.OAuth2IssuerCredentials/";
    private JenkinsRule r;
    private MockWebServer server;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader"));
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        server.shutdown();
    }

    @Test
    void fieldChecksArePostOnlyAndSilentWithoutPermission() throws Exception {
        List<NameValuePair> bad = List.of(new NameValuePair("value", "http://internal.example.com/"));

        JenkinsRule.WebClient admin = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");
        Page answer = post(admin, "checkIssuerUrl", bad);
        assertTrue(answer.getWebResponse().getContentAsString().contains("uses plain http to internal.example.com"));
        Page viaGet = admin.getPage(new WebRequest(new URL(r.getURL(), DESCRIPTOR + "checkIssuerUrl?value=x"), HttpMethod.GET));
        assertEquals(405, viaGet.getWebResponse().getStatusCode(), "web methods accept POST only");

        JenkinsRule.WebClient reader = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("reader");
        Page silent = post(reader, "checkIssuerUrl", bad);
        assertFalse(silent.getWebResponse().getContentAsString().contains("plain http"), "no verdict for a reader");
    }

    @Test
    void testConnectionIsRefusedWithoutPermissionAndContactsNothing() throws Exception {
        JenkinsRule.WebClient reader = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("reader");
        Page refused = post(reader, "testConnection", connectionForm());
        assertTrue(refused.getWebResponse().getContentAsString().contains("Testing an issuer needs Overall/Administer"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aUsersOwnPageGivesNoRightToTest() throws Exception {
        // The caller's own User gives him full control of himself; the permission is checked on the store.
        JenkinsRule.WebClient reader = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("reader");
        WebRequest request = new WebRequest(new URL(r.getURL(), "user/reader/" + DESCRIPTOR + "testConnection"), HttpMethod.POST);
        request.setRequestParameters(new ArrayList<>(connectionForm()));
        reader.addCrumb(request);
        Page refused = reader.getPage(request);
        assertTrue(refused.getWebResponse().getContentAsString().contains("Testing an issuer needs Overall/Administer"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void theDropDownsAreFilled() throws Exception {
        JenkinsRule.WebClient reader = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("reader");
        String methods = post(reader, "fillAuthMethodItems", List.of()).getWebResponse().getContentAsString();
        assertTrue(methods.contains("private_key_jwt") && methods.contains("tls_client_auth"), methods);
        String audience = post(reader, "fillAudienceParameterItems", List.of()).getWebResponse().getContentAsString();
        assertTrue(audience.contains("\"audience\"") && audience.contains("\"resource\""), audience);
    }

    @Test
    void testConnectionGetsATokenAndRevokesIt() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("{\"access_token\":\"tok-from-test-connection\",\"token_type\":\"Bearer\",\"expires_in\":60}"));
        server.enqueue(new MockResponse().setResponseCode(200));

        JenkinsRule.WebClient admin = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");
        Page answer = post(admin, "testConnection", connectionForm());
        String html = answer.getWebResponse().getContentAsString();

        assertTrue(html.contains("Connected: the issuer gave a token"), html);
        assertFalse(html.contains("tok-from-test-connection"), "the token is never shown");
        assertFalse(html.contains("s3cret-for-test"), "the secret is never shown");
        RecordedRequest tokenRequest = server.takeRequest();
        assertEquals("/token", tokenRequest.getPath());
        assertFalse(tokenRequest.getBody().readUtf8().contains("scope="), "no scopes are asked for");
        RecordedRequest revocation = server.takeRequest();
        assertEquals("/revoke", revocation.getPath());
        assertTrue(revocation.getBody().readUtf8().contains("token=tok-from-test-connection"));
    }

    private List<NameValuePair> connectionForm() {
        List<NameValuePair> form = new ArrayList<>();
        form.add(new NameValuePair("id", "form-test"));
        form.add(new NameValuePair("cloudFoundryUaa", "false"));
        form.add(new NameValuePair("tokenEndpoint", server.url("/token").toString()));
        form.add(new NameValuePair("revocationEndpoint", server.url("/revoke").toString()));
        form.add(new NameValuePair("clientId", "jenkins"));
        form.add(new NameValuePair("clientSecret", "s3cret-for-test"));
        form.add(new NameValuePair("authMethod", "client_secret_basic"));
        form.add(new NameValuePair("verifyRevocation", "false"));
        return form;
    }

    private Page post(JenkinsRule.WebClient wc, String method, List<NameValuePair> params) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), DESCRIPTOR + method), HttpMethod.POST);
        request.setRequestParameters(new ArrayList<>(params));
        wc.addCrumb(request);
        return wc.getPage(request);
    }
}
