package io.jenkins.plugins.scopedtoken.build;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.scopedtoken.credentials.FormChecks;
import io.jenkins.plugins.scopedtoken.token.FieldCheck;
import java.util.function.Supplier;
import jenkins.model.Jenkins;

/**
 * The field checks of the step's Snippet Generator form and the wrapper's job form. They only parse what is
 * typed, yet answer only users who may read the job's configuration (or, on the global Snippet Generator,
 * read Jenkins), like every web method of this plugin.
 */
public final class JobFormChecks {
    private JobFormChecks() {
    }

    public static FormValidation check(Item job, Supplier<FieldCheck> check) {
        return FormChecks.ifPermitted(mayCheck(job), check);
    }

    static boolean mayCheck(Item job) {
        return job == null ? Jenkins.get().hasPermission(Jenkins.READ) : job.hasPermission(Item.EXTENDED_READ);
    }
}
