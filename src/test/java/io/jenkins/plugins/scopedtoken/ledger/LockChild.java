package io.jenkins.plugins.scopedtoken.ledger;

import java.nio.file.Path;

/** Child JVM for {@link StateDirectoryLockTest}: {@code hold} opens the journal and waits to be killed; {@code try} reports. */
public final class LockChild {
    private LockChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        try {
            Journal.open(file);
        } catch (IllegalStateException e) {
            System.out.println("REFUSED " + e.getMessage());
            System.exit(3);
        }
        if (args[0].equals("hold")) {
            System.out.println("HOLDING");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        System.out.println("OPENED");
    }
}
