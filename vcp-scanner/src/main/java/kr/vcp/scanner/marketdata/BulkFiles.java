package kr.vcp.scanner.marketdata;

import kr.vcp.scanner.errors.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import kr.vcp.model.ApiError;
import kr.vcp.scanner.marketdata.MarketDataService.ImportFile;
import kr.vcp.scanner.marketdata.MarketDataService.NamedFile;

/** The CSV files of a zip upload or a server folder, as text. Blocking: call off the event loop. */
final class BulkFiles {

    private BulkFiles() {
    }

    /** The CSV entries of a zip, each and all of them within their caps, checked while reading. */
    static List<NamedFile> unzip(byte[] zip, long maxFileBytes, long maxBytes) {
        List<NamedFile> files = new ArrayList<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isDirectory() || !entry.getName().toLowerCase().endsWith(".csv")) {
                    continue;
                }
                // The size an entry announces may be a lie: the caps are checked on what is actually read.
                ByteArrayOutputStream out = new ByteArrayOutputStream(
                        (int) Math.min(Math.max(entry.getSize(), 8 * 1024), Math.min(maxFileBytes, 1 << 20)));
                byte[] buffer = new byte[64 * 1024];
                long size = 0;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    size += n;
                    total += n;
                    if (size > maxFileBytes) {
                        throw invalid("body", entry.getName() + " holds more than " + maxFileBytes + " bytes");
                    }
                    if (total > maxBytes) {
                        throw invalid("body", "the zip holds more than " + maxBytes + " bytes of CSV");
                    }
                    out.write(buffer, 0, n);
                }
                files.add(new NamedFile(entry.getName(), out.toString(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw invalid("body", "not a readable zip: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw invalid("body", "no .csv file in the zip");
        }
        return files;
    }

    /**
     * The CSV files below {@code path} inside {@code root}, each read when the import asks for its text. Links are not
     * followed: the folder itself must really be inside the root, and a file that is a link is left out, so nothing
     * outside the root is ever read. The caps are checked on the files' sizes now and on each file's bytes when read.
     */
    static List<ImportFile> readDirectory(Path root, String path, long maxFileBytes, long maxBytes) {
        Path dir;
        try {
            Path base = root.toRealPath();
            dir = base.resolve(path).normalize();
            if (!dir.startsWith(base) || !Files.isDirectory(dir) || !dir.toRealPath().startsWith(base)) {
                throw invalid("path", "must be a folder inside " + base);
            }
        } catch (InvalidPathException e) {
            throw invalid("path", "is not a path: " + e.getMessage());
        } catch (IOException e) {
            throw invalid("path", "cannot be read: " + e.getMessage());
        }
        List<ImportFile> files = new ArrayList<>();
        long total = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    && p.toString().toLowerCase().endsWith(".csv")).sorted().toList();
            for (Path f : paths) {
                long size = Files.size(f);
                if (size > maxFileBytes) {
                    throw invalid("path", dir.relativize(f) + " holds more than " + maxFileBytes + " bytes");
                }
                total += size;
                if (total > maxBytes) {
                    throw invalid("path", "the folder holds more than " + maxBytes + " bytes of CSV");
                }
                files.add(new DiskFile(f, dir.relativize(f).toString(), maxFileBytes));
            }
        } catch (IOException e) {
            throw invalid("path", "cannot read " + dir + ": " + e.getMessage());
        }
        return files;
    }

    /** A file of a server folder, read when its text is asked for; still within its cap then. */
    private record DiskFile(Path path, String name, long maxBytes) implements ImportFile {
        @Override
        public String content() {
            try {
                byte[] bytes = Files.readAllBytes(path);
                if (bytes.length > maxBytes) {
                    throw invalid("path", name + " holds more than " + maxBytes + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw invalid("path", "cannot read " + name + ": " + e.getMessage());
            }
        }
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("invalid_request", List.of(new ApiError.Violation(field, message)));
    }
}
