package dev.sockscope.command;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The commands' standard output: text gathered and written as UTF-8 in blocks of about 64 KiB.
 *
 * <p>In place of {@code BufferedWriter} over {@code OutputStreamWriter}: those copy a table's
 * text into a {@code char[]} and encode it a character at a time, 13 ms of a 40,000-row table.
 * Here a block becomes one {@code String} and {@link String#getBytes} encodes it, which for
 * ASCII text (a table, nearly every JSON document) is a check and a copy of its bytes.
 *
 * <p>A surrogate pair split between two writes is kept whole: a block never ends in a high
 * surrogate, but at a flush. A lone surrogate is written as {@code ?}, as the
 * JDK's encoder does. Not thread-safe.
 */
public final class Utf8Writer extends Writer {
    /** A block is written once this many characters are gathered. */
    static final int BLOCK = 1 << 16;

    private final OutputStream out;
    private final StringBuilder pending = new StringBuilder(BLOCK + 1024);

    public Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        pending.append((char) c);
        drainIfFull();
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        pending.append(cbuf, off, len);
        drainIfFull();
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        pending.append(s, off, off + len);
        drainIfFull();
    }

    @Override
    public Writer append(CharSequence csq) throws IOException {
        pending.append(csq);
        drainIfFull();
        return this;
    }

    @Override
    public Writer append(CharSequence csq, int start, int end) throws IOException {
        pending.append(csq, start, end);
        drainIfFull();
        return this;
    }

    @Override
    public Writer append(char c) throws IOException {
        write(c);
        return this;
    }

    private void drainIfFull() throws IOException {
        if (pending.length() >= BLOCK) {
            drain(false);
        }
    }

    /** Writes what is gathered; but for {@code all}, a last high surrogate waits for its pair. */
    private void drain(boolean all) throws IOException {
        int end = pending.length();
        if (!all && end > 0 && Character.isHighSurrogate(pending.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            return;
        }
        out.write(pending.substring(0, end).getBytes(StandardCharsets.UTF_8));
        pending.delete(0, end);
    }

    @Override
    public void flush() throws IOException {
        drain(true); // all: a flush ends a line or a document, never halfway through a pair
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            drain(true);
        } finally {
            out.close();
        }
    }
}
