package io.jenkins.plugins.scopedtoken.policy;

import java.util.List;

/**
 * Finds the folder policies enclosing a job (outermost first); in Jenkins, the folder properties of the job's
 * parents. A folder's grants are matched against the job name relative to that folder.
 */
@FunctionalInterface
public interface FolderPolicies {
    List<FolderPolicy> enclosing(String jobFullName);

    /** A folder's full name and its grants. */
    record FolderPolicy(String folder, GrantPolicy grants) {
    }
}
