package io.jenkins.plugins.scopedtoken.cli;

import java.nio.file.Path;

/**
 * The result of checking an audit trail's hash chain.
 *
 * @param records how many records were read (up to the first bad one)
 * @param problem the first break, as a phrase naming the line; null when intact
 */
record AuditCheck(Path file, boolean intact, long records, String problem) {
    static AuditCheck verify(Path file) {
        return LocalAuditTrail.verify(file);
    }
}
