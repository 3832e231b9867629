package io.clusterkv.node.resp;

import org.jspecify.annotations.Nullable;

/**
 * The state of one client connection that commands change or report: its id and name, the protocol it speaks,
 * whether it has authenticated. Written on the connection's event loop; read there and by CLIENT LIST and INFO on
 * other connections' loops, hence volatile.
 */
final class ClientSession {
    private final long id;
    private final String address;
    private final String localAddress;
    private final long connectedAtMillis;
    private final boolean passwordRequired;
    private final KeyScanner scanner = new KeyScanner();
    private volatile boolean authenticated;
    private volatile boolean resp3;
    private volatile @Nullable String name;
    private volatile @Nullable String libraryName;
    private volatile @Nullable String libraryVersion;
    private volatile String lastCommand = "NULL";
    private volatile long lastActiveMillis;

    /**
     * @param id               the id CLIENT ID reports, unique in this node
     * @param passwordRequired whether the client must AUTH before anything else
     */
    ClientSession(long id, String address, String localAddress, long connectedAtMillis, boolean passwordRequired) {
        this.id = id;
        this.address = address;
        this.localAddress = localAddress;
        this.connectedAtMillis = connectedAtMillis;
        this.lastActiveMillis = connectedAtMillis;
        this.passwordRequired = passwordRequired;
    }

    long id() {
        return id;
    }

    /** @return whether the client may run commands other than AUTH, HELLO and QUIT */
    boolean mayExecute() {
        return authenticated || !passwordRequired;
    }

    void authenticated() {
        this.authenticated = true;
    }

    boolean isResp3() {
        return resp3;
    }

    void resp3(boolean enabled) {
        this.resp3 = enabled;
    }

    @Nullable String name() {
        return name;
    }

    /** @param newName the name, or null to clear it */
    void name(@Nullable String newName) {
        this.name = newName;
    }

    void library(@Nullable String newName, @Nullable String newVersion) {
        if (newName != null) {
            this.libraryName = newName;
        }
        if (newVersion != null) {
            this.libraryVersion = newVersion;
        }
    }

    /** Notes a command about to run, for CLIENT LIST's {@code cmd} and {@code idle}. */
    void executing(String command, long nowMillis) {
        this.lastCommand = command;
        this.lastActiveMillis = nowMillis;
    }

    /** @return the SCAN state of this connection; used on its event loop only */
    KeyScanner scanner() {
        return scanner;
    }

    /** @return the line CLIENT INFO and CLIENT LIST print, with the fields clients parse */
    String describe(long nowMillis) {
        return "id=" + id + " addr=" + address + " laddr=" + localAddress + " fd=-1 name=" + orEmpty(name)
            + " age=" + (nowMillis - connectedAtMillis) / 1000 + " idle=" + (nowMillis - lastActiveMillis) / 1000
            + " flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 cmd=" + lastCommand + " user=default lib-name="
            + orEmpty(libraryName) + " lib-ver=" + orEmpty(libraryVersion) + " resp=" + (resp3 ? 3 : 2) + "\n";
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }
}
