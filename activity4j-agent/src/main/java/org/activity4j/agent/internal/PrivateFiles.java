package org.activity4j.agent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Files that hold secrets (access keys) or password hashes: read as UTF-8 lines, replaced atomically (a
 * temporary file in the same directory, then a move over the old one, so that the agent never reads half a
 * file), created with mode 600 on POSIX file systems, keeping the mode, owner and group of the file they
 * replace.
 */
final class PrivateFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private PrivateFiles() {}

    /** The lines of {@code file}; {@code what} names it in the error ("users file"). */
    static List<String> readLines(Path file, String what) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("the " + what + " " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read the " + what + " " + file + ": " + e, e);
        }
    }

    /** Whether {@code file} is readable by its group or by others; false where there are no POSIX modes. */
    static boolean readableByOthers(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return false;
        }
        try {
            Set<PosixFilePermission> mode = view.readAttributes().permissions();
            return mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a line of a users or keys file is an entry: neither blank nor a {@code #} comment. */
    static boolean isEntry(String line) {
        String s = line.strip();
        return !s.isEmpty() && !s.startsWith("#");
    }

    /**
     * {@code lines} with the entry of {@code key} (the entry line that starts with {@code key:}) replaced by
     * {@code line}, or with {@code line} appended when there is none; every other line as it was.
     */
    static List<String> putEntry(List<String> lines, String key, String line) {
        List<String> out = new ArrayList<>();
        boolean replaced = false;
        for (String l : lines) {
            if (isEntry(l) && l.startsWith(key + ":")) {
                out.add(line);
                replaced = true;
            } else {
                out.add(l);
            }
        }
        if (!replaced) {
            out.add(line);
        }
        return out;
    }

    /** Replaces {@code file} (or creates it) with {@code lines}, atomically. */
    static void write(Path file, List<String> lines) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        Path temp = view == null
                ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp")
                : Files.createTempFile(
                        dir, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.write(temp, lines, StandardCharsets.UTF_8);
            if (view != null && Files.exists(target)) {
                keepAttributes(target, temp);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void keepAttributes(Path from, Path to) throws IOException {
        PosixFileAttributes old = Files.readAttributes(from, PosixFileAttributes.class);
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        view.setPermissions(old.permissions());
        try {
            // Works for root (add-user run by root for an agent running as its own user) and for the owner.
            view.setGroup(old.group());
            view.setOwner(old.owner());
        } catch (FileSystemException e) {
            // Not allowed: the file becomes ours, with the old mode.
        }
    }
}
