package io.jenkins.plugins.scopedtoken.ledger;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * How the journal and the audit trail open the file they append to. Production code uses {@link #DEFAULT};
 * tests substitute a file whose writes fail part-way, as a full disk makes them fail.
 */
@FunctionalInterface
public interface FileOpener {
    FileOpener DEFAULT = file -> new RandomAccessFile(file.toFile(), "rw");

    /** Opens {@code file} for reading and writing, positioned at its start. */
    RandomAccessFile open(Path file) throws IOException;
}
