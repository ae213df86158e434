package kr.vcp.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks read of a process on Linux: resident memory, heap in use after a GC, CPU time. */
final class ProcessMeter {

    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private ProcessMeter() {
    }

    /** Resident memory, after a GC. */
    static long rssKb(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Thread.sleep(500);
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static String jcmd(long pid, String command) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /**
     * The heap in use right after {@code GC.run}: the sum of {@code jcmd GC.heap_info}'s "used NNNK" of the heap's
     * lines (one for G1, one per generation for the other collectors), not of the metaspace's.
     */
    static long heapUsedKb(long pid) throws Exception {
        jcmd(pid, "GC.run");
        long used = 0;
        for (String line : jcmd(pid, "GC.heap_info").split("\n")) {
            Matcher kb = HEAP_USED.matcher(line);
            if (kb.find() && !line.contains("Metaspace") && !line.contains("class space")) {
                used += Long.parseLong(kb.group(1));
            }
        }
        return used;
    }

    /** utime and stime of a process, in clock ticks. */
    static long[] cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
    }

    /** CPU seconds, user and kernel, between two {@link #cpuTicks} readings. */
    static double seconds(long[] before, long[] after) {
        return (after[0] + after[1] - before[0] - before[1]) / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** User CPU seconds alone. */
    static double userSeconds(long[] before, long[] after) {
        return (after[0] - before[0]) / (double) CLOCK_TICKS_PER_SECOND;
    }
}
