/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** What the machine tells about itself while a benchmark runs: load, CPU time, and how fast it syncs a disk page. */
final class MachineStats {

    private MachineStats() {}

    /** The 1, 5 and 15 minute load averages where the system tells them. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The machine's busy and total CPU time so far, in jiffies, from /proc/stat; zeros where there is none. */
    static long[] cpuJiffies() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]); // idle and iowait
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** The median time of writing 8 kB and forcing it to the disk, as a database commit does. */
    static double fsyncMicros() throws IOException {
        Path file = Files.createTempFile("consent4j-fsync", ".probe");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer page = ByteBuffer.allocate(8192);
            long[] nanos = new long[200];
            for (int i = 0; i < nanos.length; i++) {
                page.clear();
                long start = System.nanoTime();
                channel.write(page, (i % 16) * 8192L);
                channel.force(false);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            return nanos[nanos.length / 2] / 1e3;
        } finally {
            Files.delete(file);
        }
    }
}
