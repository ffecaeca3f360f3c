package org.knotwork.neo4jlocal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A salted SHA-256 of the password last applied to the neo4j user, so warm starts can skip Cypher. */
final class PasswordMarker {
    private PasswordMarker() {}

    static boolean matches(Path marker, String password) {
        try {
            String[] parts = Files.readString(marker, StandardCharsets.UTF_8).trim().split(":");
            if (parts.length != 2) {
                return false;
            }
            byte[] expected = HexFormat.of().parseHex(parts[1]);
            return MessageDigest.isEqual(expected, digest(HexFormat.of().parseHex(parts[0]), password));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    static void write(Path marker, String password) throws IOException {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String line = HexFormat.of().formatHex(salt) + ":" + HexFormat.of().formatHex(digest(salt, password)) + "\n";
        Files.createDirectories(marker.getParent());
        Path tmp = marker.resolveSibling(marker.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, line, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, marker, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] digest(byte[] salt, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
