package io.jenkins.plugins.scopedtoken.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Lets a masker be closed (which writes out what it held back) without closing our own stdout or stderr. */
final class KeepOpenOutputStream extends FilterOutputStream {
    KeepOpenOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
