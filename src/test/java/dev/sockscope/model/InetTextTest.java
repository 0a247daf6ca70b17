package dev.sockscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InetTextTest {

    /** 16 bytes from eight 16-bit groups. */
    private static byte[] v6(int... groups) {
        byte[] a = new byte[16];
        for (int i = 0; i < 8; i++) {
            a[2 * i] = (byte) (groups[i] >> 8);
            a[2 * i + 1] = (byte) groups[i];
        }
        return a;
    }

    @ParameterizedTest
    @CsvSource({
        "127, 0, 0, 1, 127.0.0.1",
        "0, 0, 0, 0, 0.0.0.0",
        "255, 255, 255, 255, 255.255.255.255",
        "10, 200, 3, 128, 10.200.3.128",
    })
    void formatsIpv4AsDottedQuadWithUnsignedBytes(int a, int b, int c, int d, String text) {
        assertEquals(text, InetText.format(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}));
    }

    @Test
    void formatsLoopbackAndUnspecified() {
        assertEquals("::1", InetText.format(v6(0, 0, 0, 0, 0, 0, 0, 1)));
        assertEquals("::", InetText.format(new byte[16]));
    }

    @Test
    void compressesLinkLocal() {
        assertEquals("fe80::1", InetText.format(v6(0xfe80, 0, 0, 0, 0, 0, 0, 1)));
        assertEquals("fe80::a00:27ff:fe4e:66a1", InetText.format(v6(0xfe80, 0, 0, 0, 0x0a00, 0x27ff, 0xfe4e, 0x66a1)));
    }

    @Test
    void writesLowerCaseHexWithoutLeadingZeros() {
        assertEquals("2001:db8:a:b:c:d:e:f", InetText.format(v6(0x2001, 0x0db8, 0xa, 0xb, 0xc, 0xd, 0xe, 0xf)));
        assertEquals(
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                InetText.format(v6(0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff)));
    }

    @Test
    void neverShortensASingleZeroGroup() {
        // RFC 5952 4.2.2
        assertEquals("2001:db8:0:1:1:1:1:1", InetText.format(v6(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1)));
        assertEquals("1:0:2:0:3:0:4:0", InetText.format(v6(1, 0, 2, 0, 3, 0, 4, 0)));
    }

    @Test
    void compressesTheLongestRunAndTheFirstOnATie() {
        // RFC 5952 4.2.3
        assertEquals("2001:0:0:1::1", InetText.format(v6(0x2001, 0, 0, 1, 0, 0, 0, 1)));
        assertEquals("2001:db8::1:0:0:1", InetText.format(v6(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1)));
    }

    @Test
    void compressesRunsAtEitherEnd() {
        assertEquals("1::", InetText.format(v6(1, 0, 0, 0, 0, 0, 0, 0)));
        assertEquals("::2:3", InetText.format(v6(0, 0, 0, 0, 0, 0, 2, 3)));
        assertEquals("1:2:3:4:5:6::", InetText.format(v6(1, 2, 3, 4, 5, 6, 0, 0)));
        assertEquals("::1:2:3:4:5:6", InetText.format(v6(0, 0, 1, 2, 3, 4, 5, 6)));
    }

    @Test
    void writesIpv4MappedInMixedNotation() {
        assertEquals("::ffff:10.0.0.5", InetText.format(v6(0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0005)));
        assertEquals("::ffff:127.0.0.1", InetText.format(v6(0, 0, 0, 0, 0, 0xffff, 0x7f00, 0x0001)));
        assertEquals("::ffff:0.0.0.0", InetText.format(v6(0, 0, 0, 0, 0, 0xffff, 0, 0)));
        assertTrue(InetText.isV4Mapped(v6(0, 0, 0, 0, 0, 0xffff, 0x7f00, 1)));
    }

    @Test
    void keepsOtherEmbeddedIpv4FormsInHex() {
        // IPv4-compatible (deprecated) and IPv4-translated are not given mixed notation
        assertEquals("::102:304", InetText.format(v6(0, 0, 0, 0, 0, 0, 0x0102, 0x0304)));
        assertEquals("::ffff:0:102:304", InetText.format(v6(0, 0, 0, 0, 0xffff, 0, 0x0102, 0x0304)));
        assertEquals("64:ff9b::102:304", InetText.format(v6(0x64, 0xff9b, 0, 0, 0, 0, 0x0102, 0x0304)));
        assertFalse(InetText.isV4Mapped(v6(0, 0, 0, 0, 0, 0xfffe, 0x7f00, 1)));
        assertFalse(InetText.isV4Mapped(v6(1, 0, 0, 0, 0, 0xffff, 0x7f00, 1)));
        assertFalse(InetText.isV4Mapped(new byte[] {127, 0, 0, 1}));
    }

    @Test
    void rejectsOtherLengths() {
        assertThrows(IllegalArgumentException.class, () -> InetText.format(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> InetText.format(new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> InetText.format(new byte[15]));
    }

    /** An independent, slow rendering: full form, then the first longest ":0:0..." run collapsed. */
    private static String reference(byte[] a) {
        StringBuilder full = new StringBuilder(":");
        for (int i = 0; i < 8; i++) {
            full.append(Integer.toHexString((a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff)))
                    .append(':');
        }
        String s = full.toString();
        for (int n = 8; n >= 2; n--) {
            String run = ":" + "0:".repeat(n);
            int at = s.indexOf(run);
            if (at >= 0) {
                s = s.substring(0, at) + "::" + s.substring(at + run.length());
                break;
            }
        }
        if (s.startsWith(":") && !s.startsWith("::")) {
            s = s.substring(1);
        }
        if (s.endsWith(":") && !s.endsWith("::")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    @Test
    void agreesWithAReferenceRenderingAndRoundTripsOnSeededRandomAddresses() throws Exception {
        Random random = new Random(5952);
        for (int n = 0; n < 20_000; n++) {
            byte[] a = new byte[16];
            for (int g = 0; g < 8; g++) {
                // mostly zero groups, so that runs of every length and position occur
                int v = random.nextInt(3) == 0 ? random.nextInt(0x10000) : 0;
                a[2 * g] = (byte) (v >> 8);
                a[2 * g + 1] = (byte) v;
            }
            if (InetText.isV4Mapped(a)) {
                continue;
            }
            String text = InetText.format(a);
            assertEquals(reference(a), text, () -> java.util.Arrays.toString(a));
            byte[] back = InetAddress.getByName(text).getAddress();
            assertEquals(16, back.length, text);
            assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(back), text);
        }
    }
}
