package dev.coffer.server.agentapi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.server.device.AgentProblem;
import dev.coffer.server.device.AgentProblemException;
import dev.coffer.server.device.DevicePrincipal;
import dev.coffer.server.storage.AccountStores;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Globals;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The engine's store contract over HTTP, on the authenticated device's account store only: list, HEAD, GET (with a
 * single byte range), append-only PUT, and DELETE of lock objects.
 */
@RestController
@RequestMapping("/agent/v1/repository/objects")
class ObjectApi {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._/-]{0,200}");
    private static final int CHUNK = 256 << 10;

    private final AccountStores stores;
    private final Uploads uploads;

    ObjectApi(AccountStores stores, Uploads uploads) {
        this.stores = stores;
        this.uploads = uploads;
    }

    record Entry(String name, long size) {
    }

    @GetMapping
    List<Entry> list(@AuthenticationPrincipal DevicePrincipal d, @RequestParam(defaultValue = "") String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw Uploads.validation("prefix", "must be at most 200 characters of A-Z a-z 0-9 . _ - /");
        }
        return store(d).list(prefix).stream().map((StoreEntry e) -> new Entry(e.name(), e.size())).toList();
    }

    @RequestMapping(path = "/{*name}", method = RequestMethod.HEAD)
    ResponseEntity<Void> head(@AuthenticationPrincipal DevicePrincipal d, @PathVariable String name) {
        long size = store(d).size(readable(name));
        return ResponseEntity.ok().contentLength(size).header("Accept-Ranges", "bytes").build();
    }

    @GetMapping("/{*name}")
    void get(@AuthenticationPrincipal DevicePrincipal d, @PathVariable String name,
             @RequestHeader(value = "Range", required = false) String range, HttpServletRequest request,
             HttpServletResponse response) throws IOException {
        String object = readable(name);
        Store store = store(d);
        long size = store.size(object);
        long start = 0;
        long end = size - 1;
        boolean partial = false;
        Matcher m = range == null ? null : RANGE.matcher(range.strip());
        if (m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
            try {
                if (m.group(1).isEmpty()) {
                    long suffix = Long.parseLong(m.group(2));
                    start = Math.max(0, size - suffix);
                    if (suffix == 0) {
                        start = size;
                    }
                } else {
                    start = Long.parseLong(m.group(1));
                    end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                    if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < start) {
                        start = size; // an inverted range is not satisfiable
                    }
                }
            } catch (NumberFormatException e) {
                start = size;
            }
            if (start >= size) {
                response.setHeader("Content-Range", "bytes */" + size);
                throw new AgentProblemException(AgentProblem.RANGE_NOT_SATISFIABLE, 416, "the range " + range
                        + " is not within the " + size + " bytes of " + object, Map.of());
            }
            partial = true;
        }
        long length = end - start + 1;
        response.setStatus(partial ? 206 : 200);
        response.setContentType("application/octet-stream");
        response.setHeader("Accept-Ranges", "bytes");
        if (partial) {
            response.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        response.setContentLengthLong(Math.max(0, length));
        Optional<Path> file = stores.localFile(d.accountId(), object);
        if (length > 0 && file.isPresent() && Boolean.TRUE.equals(request.getAttribute(Globals.SENDFILE_SUPPORTED_ATTR))) {
            // Tomcat sends the range with sendfile once this returns: no copy through the heap (a restore reads
            // hundreds of megabytes of packs). Stored objects never change, so the size checked above holds.
            request.setAttribute(Globals.SENDFILE_FILENAME_ATTR, file.get().toString());
            request.setAttribute(Globals.SENDFILE_FILE_START_ATTR, start);
            request.setAttribute(Globals.SENDFILE_FILE_END_ATTR, end + 1);
            return;
        }
        OutputStream out = response.getOutputStream();
        byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(1, length))];
        for (long at = start; at <= end; at += CHUNK) {
            int n = (int) Math.min(CHUNK, end - at + 1);
            store.readRange(object, at, n, buffer, 0);
            out.write(buffer, 0, n);
        }
        out.flush();
    }

    @PutMapping("/{*name}")
    ResponseEntity<Void> put(@AuthenticationPrincipal DevicePrincipal d, @PathVariable String name,
                             HttpServletRequest request) throws IOException {
        ObjectName object = ObjectName.parse(strip(name)).orElseThrow(() -> Uploads.validation("name",
                "must be an object name of the repository: data/<2 hex>/<64 hex>, index/<64 hex>, "
                        + "snapshots/<64 hex> or locks/<hex>"));
        long length = request.getHeader("Content-Length") == null ? -1 : request.getContentLengthLong();
        Uploads.Outcome outcome = uploads.put(d, object, length, request.getInputStream());
        return ResponseEntity.status(outcome == Uploads.Outcome.CREATED ? 201 : 200).build();
    }

    @DeleteMapping("/{*name}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal DevicePrincipal d, @PathVariable String name) {
        String object = readable(name);
        if (ObjectName.parse(object).map(o -> o.kind() != ObjectName.Kind.LOCK).orElse(true)) {
            throw AgentProblem.APPEND_ONLY.exception("devices cannot delete " + object + ": old backups are removed "
                    + "by the server, by the account's retention policy (set it in the panel or with PUT "
                    + "/api/v1/users/{userId}/backup-account/retention)");
        }
        store(d).delete(object);
        return ResponseEntity.noContent().build();
    }

    private Store store(DevicePrincipal d) {
        return stores.store(d.accountId());
    }

    private static String readable(String name) {
        String n = strip(name);
        if (!Store.isValidName(n) || n.length() > 200) {
            throw Uploads.validation("name", "is not a valid object name");
        }
        return n;
    }

    private static String strip(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
