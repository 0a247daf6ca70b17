package dev.sockscope.command;

import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.query.Pipeline;
import dev.sockscope.service.ReverseDns;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import dev.sockscope.trace.Phases;
import dev.sockscope.view.Column;
import dev.sockscope.view.CsvWriter;
import dev.sockscope.view.Cut;
import dev.sockscope.view.Fields;
import dev.sockscope.view.JsonWriter;
import dev.sockscope.view.Notes;
import dev.sockscope.view.TableWriter;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code --list}: one snapshot, or {@code --count N} / {@code -c} repeated ones, in the table,
 * JSON or CSV. Repeated snapshots: a time line before each table; JSON Lines of
 * {@code {"time","sockets"}}; CSV with a leading {@code time} column and one header.
 */
public final class ListCommand {
    /** Made at the first repeated snapshot: the time zone costs 15 ms of start-up a single one need not pay. */
    private static final class TimeLine {
        static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

        private TimeLine() {}
    }

    private final Context ctx;

    public ListCommand(Context ctx) {
        this.ctx = ctx;
    }

    /** @return {@link ExitCode#OK} when a socket was shown, {@link ExitCode#NO_MATCH} when none */
    public int run(Config config, SocketSource source) throws SourceException {
        Writer out = new Utf8Writer(ctx.stdout());
        ServiceRegistry reg = ctx.registry();
        boolean names = !config.numeric();
        boolean repeated = config.count() != 1;
        ReverseDns dns = config.resolve() ? ReverseDns.create() : null;
        Function<String, String> resolver = dns == null ? null : dns::lookup;
        Pipeline pipeline = new Pipeline();
        boolean anyShown = false;
        boolean notesGiven = false;
        CsvWriter csv = null;
        Fields csvFields = null;
        // JSON and CSV carry every field; a table only what its columns and order need
        boolean table = config.format() == Config.Format.TABLE;
        TableSelection tables = config.tables()
                .withTcpInfo(!table || Column.needTcpInfo(config.columns(), config.sort()))
                .withCgroups(!table || Column.needCgroups(config.columns(), config.sort()));
        try {
            for (int i = 0; config.count() == 0 || i < config.count(); i++) {
                if (i > 0 && config.intervalMs() > 0) {
                    Thread.sleep(config.intervalMs());
                }
                Snapshot snap = source.read(tables);
                Phases.mark("read");
                Instant at = Instant.now();
                List<SocketRow> all = repeated ? pipeline.withRates(snap, System.nanoTime()) : snap.rows();
                List<SocketRow> rows = Pipeline.select(all, config.filter(), config.sort(), config.reverse(), reg);
                Phases.mark("selected");
                if (!notesGiven) {
                    for (String n : Notes.of(
                            snap,
                            rows,
                            Context.root(),
                            config.filter().selectsByOwner(),
                            Context.namespaceNote(config))) {
                        ctx.note(n);
                    }
                    notesGiven = true;
                }
                anyShown |= !rows.isEmpty();
                if (dns != null) {
                    List<String> addresses = new ArrayList<>();
                    for (SocketRow r : rows) {
                        addresses.add(r.entry().remoteAddress().text());
                    }
                    dns.awaitAll(addresses, Duration.ofSeconds(2));
                }
                switch (config.format()) {
                    case JSON:
                        JsonWriter json = new JsonWriter(new Fields(reg, names).peersFrom(snap.rows()));
                        if (repeated) {
                            json.writeTimed(at.toString(), rows, out);
                        } else {
                            json.write(rows, out);
                        }
                        break;
                    case CSV:
                        if (csv == null) {
                            csvFields = new Fields(reg, names);
                            csv = new CsvWriter(csvFields);
                            if (repeated) {
                                csv.writeTimedHeader(out);
                            } else {
                                csv.writeHeader(out);
                            }
                        }
                        csvFields.peersFrom(snap.rows());
                        csv.writeRows(rows, out, repeated ? at.toString() : null);
                        break;
                    default:
                        if (repeated) {
                            out.write((i > 0 ? "\n" : "") + "--- " + TimeLine.FORMAT.format(at) + "  (" + rows.size()
                                    + " socket" + (rows.size() == 1 ? "" : "s") + ")\n");
                        }
                        Environment env = ctx.environment();
                        int width = config.wide() ? 0 : env.columns();
                        new TableWriter(
                                        config.columns(),
                                        new Column.Context(names ? reg : null, resolver).peers(snap.rows()),
                                        width,
                                        env.colorAllowed() && !config.noColor(),
                                        Cut.forLocale(env.env()))
                                .write(rows, out);
                }
                out.flush();
                Phases.mark("written");
            }
        } catch (IOException e) {
            // the reader went away (`sockscope --list | head -1`): stop quietly, as netstat does
            return anyShown ? ExitCode.OK : ExitCode.NO_MATCH;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (dns != null) {
                dns.close();
            }
        }
        return anyShown ? ExitCode.OK : ExitCode.NO_MATCH;
    }
}
