package io.jenkins.plugins.scopedtoken.credentials;

import hudson.util.Secret;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.SecretText;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A secret field as the "Test connection" button sends it. Jenkins renders a saved secret as its ciphertext
 * ({@code {AQAA…}}) and the unchanged field sends that back; {@link Secret#fromString} would decrypt any
 * ciphertext a user pasted there, and the test would send the clear text to a server of the user's choice.
 * So a form value is never decrypted: the saved credential's own ciphertext means "unchanged" and its secret
 * is taken from that credential; any other ciphertext is refused; everything else is the secret as typed.
 */
final class FormSecret {
    /** The shape of a Jenkins ciphertext ({@code {base64}}); checked without trying to decrypt it. */
    private static final Pattern CIPHERTEXT = Pattern.compile("\\{[A-Za-z0-9+/]+={0,2}}");

    private FormSecret() {
    }

    /**
     * @param field     the form field, for the error sentence
     * @param formValue what the form sent
     * @param saved     the same field of the saved credential being edited, or null for a new one
     */
    static SecretText resolve(String field, String formValue, Secret saved) {
        if (formValue == null || formValue.isEmpty()) {
            return null;
        }
        if (saved != null && formValue.equals(saved.getEncryptedValue())) {
            return SecretText.of(saved.getPlainText());
        }
        if (CIPHERTEXT.matcher(formValue).matches()) {
            throw new InvalidInputException("The '" + field + "' field holds an encrypted value that is not the saved "
                    + "secret of this credential; type the secret again.");
        }
        return SecretText.of(formValue);
    }
}
