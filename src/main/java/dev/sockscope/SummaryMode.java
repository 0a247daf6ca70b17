package dev.sockscope;

import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.health.CounterReader;
import dev.sockscope.health.Counters;
import dev.sockscope.health.HealthWatch;
import dev.sockscope.health.PortRange;
import dev.sockscope.health.SocketCounts;
import dev.sockscope.health.Summary;
import dev.sockscope.health.Thresholds;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.service.BundledServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import dev.sockscope.view.summary.SummaryCsv;
import dev.sockscope.view.summary.SummaryJson;
import dev.sockscope.view.summary.SummaryText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/**
 * {@code -s}: sockets by protocol, state and process, the kernel's key TCP and UDP counters and
 * the health hints. Every protocol is counted unless {@code -t -u -w -x} choose some (as
 * {@code ss -s}); the other selection options apply as in {@code --list}; the counters are the
 * whole network namespace's. With {@code --interval}/{@code --count} it repeats, adding rates
 * per second and the hints that need several readings.
 */
final class SummaryMode {
    private final OutputStream stdout;
    private final PrintStream err;
    private final Path passwd;

    SummaryMode(OutputStream stdout, PrintStream err, Path passwd) {
        this.stdout = stdout;
        this.err = err;
        this.passwd = passwd;
    }

    int run(Config config) {
        Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
        CounterReader counters = new CounterReader(config.procRoot());
        BundledServiceRegistry reg = BundledServiceRegistry.load(config.procRoot());
        PortRange range = reg.ephemeralLow() < 0 ? null : new PortRange(reg.ephemeralLow(), reg.ephemeralHigh());
        HealthWatch watch = new HealthWatch(Thresholds.DEFAULT);
        // the filter holds -t/-u/-w/-x only when given: read every table and let it choose
        TableSelection tables =
                new TableSelection(EnumSet.allOf(Proto.class), config.tables().families());
        boolean anyShown = false;
        try (SocketSource source = Selection.open(config, passwd)) {
            for (int i = 0; config.count() == 0 || i < config.count(); i++) {
                if (i > 0) {
                    Thread.sleep(config.intervalMs());
                }
                Counters now = counters.read();
                Snapshot snap = source.read(tables);
                List<SocketRow> rows = Selection.filter(snap, config);
                HealthWatch.Reading reading = watch.accept(rows, now, range);
                Summary s = new Summary(
                        Instant.now(),
                        SocketCounts.of(rows, SocketCounts.TOP_PROCESSES),
                        now,
                        reading.before(),
                        reading.hints());
                if (i == 0) {
                    notes(snap, rows, now);
                }
                anyShown |= !rows.isEmpty();
                switch (config.format()) {
                    case JSON:
                        SummaryJson.write(s, out);
                        break;
                    case CSV:
                        if (i == 0) {
                            SummaryCsv.writeHeader(out);
                        }
                        SummaryCsv.write(s, out);
                        break;
                    default:
                        if (i > 0) {
                            out.write("\n");
                        }
                        if (config.count() != 1) {
                            out.write("--- " + s.time() + "\n");
                        }
                        SummaryText.write(s, out);
                }
                out.flush();
            }
        } catch (SourceException e) {
            err.println("sockscope: " + e.getMessage());
            return ExitCode.UNREADABLE;
        } catch (IOException e) {
            // the reader went away (`sockscope -s | head`): stop quietly
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return anyShown ? ExitCode.OK : ExitCode.NO_MATCH;
    }

    private void notes(Snapshot snap, List<SocketRow> rows, Counters c) {
        if (snap.unparsedLines() > 0) {
            err.println("sockscope: note: " + snap.unparsedLines()
                    + " line(s) of the connection tables could not be parsed and were skipped");
        }
        int ownerless = 0;
        for (SocketRow r : rows) {
            ownerless += r.holders().isEmpty() && r.entry().inode() > 0 ? 1 : 0;
        }
        if (snap.hiddenOwners() > 0 && ownerless > 0) {
            err.println("sockscope: note: " + ownerless + " socket(s) show no owner: " + snap.hiddenOwners()
                    + " process(es) could not be inspected; the per-process counts leave them out");
        }
        if (!c.missing().isEmpty()) {
            err.println("sockscope: note: kernel counters not available from " + String.join(", ", c.missing()));
        }
        if (c.malformed() > 0) {
            err.println("sockscope: note: " + c.malformed()
                    + " line(s) or value(s) of the kernel's counter files could not be parsed and were skipped");
        }
        if (snap.platformNote() != null) {
            err.println("sockscope: note: " + snap.platformNote());
        }
    }
}
