package io.jenkins.plugins.scopedtoken.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Indents a child's output under the demo's progress lines. */
final class LinePrefixOutputStream extends OutputStream {
    private final OutputStream out;
    private final byte[] prefix;
    private boolean atLineStart = true;

    LinePrefixOutputStream(OutputStream out, String prefix) {
        this.out = out;
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (atLineStart) {
            out.write(prefix);
        }
        out.write(b);
        atLineStart = b == '\n';
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
