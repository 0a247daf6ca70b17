package dev.sockscope.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sockscope.model.SocketEntry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserNamesTest {
    @TempDir
    Path tmp;

    private static Path fixture() throws URISyntaxException {
        return Path.of(UserNamesTest.class.getResource("/owner/passwd").toURI());
    }

    @Test
    void namesUidsFromACapturedPasswdFile() throws Exception {
        UserNames users = new UserNames(fixture());

        assertEquals("root", users.nameOf(0));
        assertEquals("www-data", users.nameOf(33));
        assertEquals("postgres", users.nameOf(101));
        assertEquals("nobody", users.nameOf(65534));
        assertEquals("cloudsdk", users.nameOf(1000));
        assertEquals(0, users.malformedLines(), "the leading comment line is not malformed");
    }

    @Test
    void showsAUidWithoutEntryAsDecimalText() throws Exception {
        UserNames users = new UserNames(fixture());

        assertEquals("4242", users.nameOf(4242));
        assertEquals("2147483647", users.nameOf(Integer.MAX_VALUE));
    }

    @Test
    void hasNoNameForAnUnknownUid() throws Exception {
        assertNull(new UserNames(fixture()).nameOf(SocketEntry.UNKNOWN));
    }

    @Test
    void skipsAndCountsMalformedLines() throws IOException {
        Path passwd = tmp.resolve("passwd");
        Files.writeString(passwd, """
                root:x:0:0:root:/root:/bin/bash

                # comment:x:5:5::/:/bin/sh
                +nis:x:6:6::/:/bin/sh
                short:x:7:7
                toomany:x:8:8::/:/bin/sh:extra
                :x:9:9::/:/bin/sh
                letters:x:1a:1::/:/bin/sh
                noid:x::1::/:/bin/sh
                huge:x:4294967296:1::/:/bin/sh
                negative:x:-3:1::/:/bin/sh
                dup:x:0:0::/:/bin/sh
                crlf:x:12:12::/:/bin/sh\r
                last:x:13:13::/:/bin/sh""");
        UserNames users = new UserNames(passwd);

        assertEquals(7, users.malformedLines());
        assertEquals("root", users.nameOf(0), "first entry of a uid wins");
        assertEquals("5", users.nameOf(5));
        assertEquals("6", users.nameOf(6));
        assertEquals("7", users.nameOf(7));
        assertEquals("8", users.nameOf(8));
        assertEquals("9", users.nameOf(9));
        assertEquals("crlf", users.nameOf(12));
        assertEquals("last", users.nameOf(13));
    }

    @Test
    void keepsUntrustedNamesRawAndDecodesInvalidUtf8WithReplacement() throws IOException {
        Path passwd = tmp.resolve("passwd");
        byte[] prefix = "\u001b[31mred:x:500:500::/:/bin/sh\nbad".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = ":x:501:501::/:/bin/sh\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[prefix.length + 1 + suffix.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        all[prefix.length] = (byte) 0xff;
        System.arraycopy(suffix, 0, all, prefix.length + 1, suffix.length);
        Files.write(passwd, all);
        UserNames users = new UserNames(passwd);

        assertEquals("\u001b[31mred", users.nameOf(500));
        assertEquals("bad\uFFFD", users.nameOf(501));
    }

    @Test
    void showsEveryUidAsTextWithoutAPasswdFile() {
        UserNames users = new UserNames(tmp.resolve("missing"));

        assertEquals("0", users.nameOf(0));
        assertEquals(0, users.malformedLines());
    }

    @Test
    void readsTheFileOnFirstLookupAndOnlyOnce() throws IOException {
        Path passwd = tmp.resolve("passwd");
        UserNames users = new UserNames(passwd);
        Files.writeString(passwd, "alice:x:1000:1000::/home/alice:/bin/sh\n");

        assertEquals("alice", users.nameOf(1000));

        Files.writeString(passwd, "bob:x:1000:1000::/home/bob:/bin/sh\n");
        assertEquals("alice", users.nameOf(1000));
    }

    @Test
    void givesEveryThreadTheSameAnswers() throws Exception {
        Path passwd = tmp.resolve("passwd");
        StringBuilder sb = new StringBuilder();
        for (int uid = 0; uid < 2000; uid++) {
            sb.append("u").append(uid).append(":x:").append(uid).append(":0::/:/bin/sh\n");
        }
        Files.writeString(passwd, sb.toString());
        UserNames users = new UserNames(passwd);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                jobs.add(() -> {
                    int named = 0;
                    for (int uid = offset; uid < 2000; uid += 7) {
                        if (users.nameOf(uid).equals("u" + uid)) {
                            named++;
                        }
                    }
                    return named;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(jobs, 30, TimeUnit.SECONDS)) {
                total += f.get();
            }
            int expected = 0;
            for (int t = 0; t < 8; t++) {
                expected += (2000 - t + 6) / 7;
            }
            assertEquals(expected, total);
        } finally {
            pool.shutdownNow();
        }
    }
}
