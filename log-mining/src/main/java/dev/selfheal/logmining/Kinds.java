package dev.selfheal.logmining;

/**
 * The kind of a dotted name: its last segment, as in {@code chrome.exe}, {@code nova.metadata.wsgi.server} or
 * {@code cbscore.dll}.
 *
 * <p>Why: a dotted name's last segment says what sort of thing it names (an executable, a server, a library), and
 * the part before it says which one. Headers name the program or logger that wrote a line this way
 * ({@code chrome.exe} or {@code Dropbox.exe}, {@code nova.osapi_compute.wsgi.server} or
 * {@code nova.metadata.wsgi.server}), so two lines that agree everywhere else and hold names of the same kind at
 * the same place are the same statement with a different value. Names that differ in their last segment
 * ({@code action.SCREEN_ON} and {@code action.SCREEN_OFF}, {@code NameSystem.delete} and
 * {@code NameSystem.allocateBlock}) keep telling events apart.
 */
final class Kinds {

    private Kinds() {
    }

    /**
     * The kind of a dotted name whose last segment is {@code text[start, end)}, or 0 when that segment holds a digit
     * ({@code 10.0.0.1}, {@code v1.2}): a number says nothing of what a name is.
     */
    static long ofLastSegment(char[] text, int start, int end) {
        long hash = 0xcbf29ce484222325L;
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                return 0;
            }
            hash = (hash ^ c) * 0x100000001b3L;
        }
        return of(hash);
    }

    /**
     * The kind of a name whose last segment hashes to {@code lastSegmentHash}: never 0, and distinct from every
     * token hash in practice, so the template index can hold kinds and whole tokens side by side.
     */
    private static long of(long lastSegmentHash) {
        long kind = (lastSegmentHash ^ 0x6a09e667f3bcc909L) * 0x9E3779B97F4A7C15L;
        return kind == 0 ? 1 : kind;
    }
}
