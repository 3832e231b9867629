package io.clusterkv.cluster.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.EncryptHeader;
import org.jgroups.protocols.SERIALIZE;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.TP;
import org.jgroups.stack.Protocol;
import org.jgroups.stack.ProtocolStack;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JGroups' SYM_ENCRYPT keyed by the cluster secret, with every message authenticated as well as encrypted.
 *
 * <p>SYM_ENCRYPT encrypts but does not authenticate: its cipher (AES/ECB by default, or CBC) decrypts anything,
 * and a forger who flips ciphertext bits changes the plaintext. AES-GCM would authenticate, but SYM_ENCRYPT sets
 * the IV through an {@code IvParameterSpec}, which GCM refuses; and with one key for the life of a cluster, GCM's
 * random 96-bit nonces would repeat after a few billion messages. So this protocol keeps SYM_ENCRYPT's framing,
 * key versioning and cipher pools, encrypts with AES-256-CBC and a random 16-byte IV per message, and appends an
 * HMAC-SHA256 tag (truncated to 16 bytes) over the IV and the ciphertext (encrypt-then-MAC). A message whose tag
 * does not verify, or that has no payload to verify, is dropped before anything above sees it.
 *
 * <p>{@link #install} puts it directly above the transport, with SERIALIZE above it: every message, headers,
 * addresses and flags included, is then serialized into one payload and encrypted, so discovery, failure detection,
 * merges, membership and the sequence numbers that reject replays are all covered, not only the application's
 * payloads. A node without the secret gets no answer to its discovery and join requests.
 *
 * <p>Both keys come from the secret by PBKDF2-HMAC-SHA256, salted with the cluster name, so a weak secret is slow to
 * guess offline and two clusters with the same secret still have different keys.
 */
public final class SecretEncrypt extends SYM_ENCRYPT {
    /** Bytes of the HMAC tag kept: 128 bits, as GCM's tag. */
    static final int TAG_BYTES = 16;
    private static final int IV_BYTES = 16;
    private static final int KDF_ITERATIONS = 100_000;
    private static final String MAC_ALGORITHM = "HmacSHA256";

    private static final Logger LOG = LoggerFactory.getLogger(SecretEncrypt.class);
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final SecretKeySpec macKey;
    private final ThreadLocal<Mac> macs;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong forgedMessages = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - REPORT_INTERVAL_NANOS);

    private SecretEncrypt(byte[] encryptionKey, byte[] macKeyBytes) {
        // Headers are written under SYM_ENCRYPT's registered id: a subclass has none of its own.
        setId(ClassConfigurator.getProtocolId(SYM_ENCRYPT.class));
        symAlgorithm("AES/CBC/PKCS5Padding");
        symIvLength(IV_BYTES);
        setSecretKey(new SecretKeySpec(encryptionKey, "AES"));
        this.macKey = new SecretKeySpec(macKeyBytes, MAC_ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * Derives the keys of a cluster from its secret.
     *
     * @param secret      the cluster secret, shared by every node
     * @param clusterName the cluster's name, the salt
     * @return a protocol ready to be inserted into a stack
     */
    static SecretEncrypt forSecret(String secret, String clusterName) {
        byte[] keys = derive(secret, clusterName);
        try {
            return new SecretEncrypt(Arrays.copyOfRange(keys, 0, 32), Arrays.copyOfRange(keys, 32, 64));
        } finally {
            Arrays.fill(keys, (byte) 0);
        }
    }

    /**
     * Adds encryption keyed by the secret to a channel's stack, directly above the transport, with SERIALIZE above
     * it. The channel must not be connected yet.
     *
     * @throws IllegalStateException if the stack already encrypts (a user's XML with SYM_ENCRYPT or ASYM_ENCRYPT),
     *                               or the protocols cannot be set up
     */
    public static void install(JChannel channel, String secret, String clusterName) {
        ProtocolStack stack = channel.getProtocolStack();
        if (stack.findProtocol(org.jgroups.protocols.Encrypt.class) != null) {
            throw new IllegalStateException("the JGroups stack already has an encryption protocol; use either the "
                + "cluster secret or the stack's own SYM_ENCRYPT/ASYM_ENCRYPT, not both");
        }
        SecretEncrypt encrypt = forSecret(secret, clusterName);
        SERIALIZE serialize = new SERIALIZE();
        try {
            // The stack is already initialized, so protocols inserted now are initialized first.
            for (Protocol protocol : new Protocol[] {encrypt, serialize}) {
                protocol.setProtocolStack(stack);
                protocol.init();
            }
            stack.insertProtocol(encrypt, ProtocolStack.Position.ABOVE, TP.class);
            stack.insertProtocol(serialize, ProtocolStack.Position.ABOVE, SecretEncrypt.class);
        } catch (Exception failure) { // JGroups declares Exception on init and insertProtocol
            throw new IllegalStateException("cannot add encryption to the stack: " + failure, failure);
        }
    }

    private static byte[] derive(String secret, String clusterName) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), ("clusterkv cluster " + clusterName)
            .getBytes(StandardCharsets.UTF_8), KDF_ITERATIONS, 512);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("every Java platform has PBKDF2WithHmacSHA256", missing);
        } finally {
            spec.clearPassword();
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(macKey);
            return mac;
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("every Java platform has " + MAC_ALGORITHM, missing);
        }
    }

    /**
     * Drops, quietly, what was not sent under this cluster's key. SYM_ENCRYPT logs an error for each such message,
     * so a stranger knocking would fill the log; here they are counted and reported once a minute.
     */
    @Override
    public Object up(Message msg) {
        if (!underThisKey(msg)) {
            refuse(msg.src());
            return null;
        }
        return super.up(msg);
    }

    @Override
    public void up(MessageBatch batch) {
        batch.removeIf(msg -> {
            if (underThisKey(msg)) {
                return false;
            }
            refuse(msg.src());
            return true;
        }, false);
        if (!batch.isEmpty()) {
            super.up(batch);
        }
    }

    /** The key never changes, so a message under any other key version comes from a stranger. */
    private boolean underThisKey(Message msg) {
        EncryptHeader header = msg.getHeader(id);
        return header != null && Arrays.equals(header.version(), symVersion());
    }

    private void refuse(Address sender) {
        long count = refused.incrementAndGet();
        long last = lastReport.get();
        long now = System.nanoTime();
        if (now - last >= REPORT_INTERVAL_NANOS && lastReport.compareAndSet(last, now)) {
            LOG.warn("{}: dropped cluster messages not sent under this cluster's secret ({} so far, the last from "
                + "{}): a node without the secret, or with another one, is trying to reach the cluster",
                local_addr, count, sender);
        }
    }

    /** @return how many messages were dropped for not being sent under this cluster's key, forged ones included */
    public long refusedMessages() {
        return refused.get();
    }

    /** @return how many messages carried this cluster's key version but failed authentication: forged or altered */
    public long forgedMessages() {
        return forgedMessages.get();
    }

    /** Encrypts with the superclass, then appends the tag; decrypting checks the tag before anything else. */
    @Override
    protected byte[] code(byte[] buf, int offset, int length, byte[] iv, boolean decode) throws Exception {
        if (decode) {
            int cipherLength = verified(buf, offset, length, iv);
            return super.code(buf, offset, cipherLength, iv, true);
        }
        byte[] encrypted = super.code(buf, offset, length, iv, false);
        byte[] tagged = Arrays.copyOf(encrypted, encrypted.length + TAG_BYTES);
        System.arraycopy(tag(iv, encrypted, 0, encrypted.length), 0, tagged, encrypted.length, TAG_BYTES);
        return tagged;
    }

    /**
     * Replaces the superclass's decryption, which lets a message without payload through unencrypted and would
     * decrypt an unauthenticated one: here both are dropped (null).
     */
    @Override
    protected Message _decrypt(Cipher cipher, Key key, Message msg, EncryptHeader hdr) throws Exception {
        int cipherLength;
        try {
            if (!msg.hasPayload()) {
                throw new GeneralSecurityException("message has no payload to authenticate");
            }
            cipherLength = verified(msg.getArray(), msg.getOffset(), msg.getLength(), hdr.iv());
        } catch (GeneralSecurityException forged) {
            forgedMessages.incrementAndGet();
            refuse(msg.src());
            return null;
        }
        byte[] plain;
        if (cipher == null) {
            plain = super.code(msg.getArray(), msg.getOffset(), cipherLength, hdr.iv(), true);
        } else {
            initCipher(cipher, Cipher.DECRYPT_MODE, key, hdr.iv());
            plain = cipher.doFinal(msg.getArray(), msg.getOffset(), cipherLength);
        }
        return hdr.needsDeserialization() ? Util.messageFromBuffer(plain, 0, plain.length)
            : msg.setArray(plain, 0, plain.length);
    }

    /**
     * @return the length of the ciphertext before the tag
     * @throws GeneralSecurityException if the tag is missing or wrong: the message was not sent by a holder of the
     *                                  secret, or was changed on the way
     */
    private int verified(byte[] buf, int offset, int length, byte[] iv) throws GeneralSecurityException {
        int cipherLength = length - TAG_BYTES;
        if (cipherLength < 0 || iv == null) {
            throw new GeneralSecurityException("message has no authentication tag");
        }
        byte[] expected = tag(iv, buf, offset, cipherLength);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(buf, offset + cipherLength, offset + length))) {
            throw new GeneralSecurityException("message authentication failed");
        }
        return cipherLength;
    }

    private byte[] tag(byte[] iv, byte[] buf, int offset, int length) {
        Mac mac = macs.get();
        mac.update(iv);
        mac.update(buf, offset, length);
        return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
    }
}
