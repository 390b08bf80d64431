package imps.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import imps.protocol.CspException;
import imps.protocol.StatusCode;
import imps.session.registry.AdmissionPolicy;
import imps.session.registry.AdmissionPolicy.LiveSession;
import imps.session.registry.UserSessionRegistry;
import io.vertx.core.Future;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The live sessions of every user and the SAP-wide session count, in Hazelcast maps updated by
 * entry processors: each check-and-add runs atomically on the key's partition owner, so the
 * 608 / 609 / 610 rules hold even when two logins race on two nodes.
 */
public final class HazelcastUserSessionRegistry implements UserSessionRegistry {
    static final String USERS = "imps.user.sessions";
    static final String COUNTERS = "imps.counters";
    private static final String TOTAL = "sessions";

    private final IMap<String, UserSessions> users;
    private final IMap<String, Integer> counters;

    public HazelcastUserSessionRegistry(HazelcastInstance hz) {
        this.users = hz.getMap(USERS);
        this.counters = hz.getMap(COUNTERS);
    }

    @Override
    public Future<Void> admit(String userId, String clientKey, String sessionId, AdmissionPolicy policy) {
        return OnContext.future(counters.submitToKey(TOTAL, new Reserve(policy.maxSessions()))).compose(reserved -> {
            if (!reserved) {
                return Future.failedFuture(new CspException(StatusCode.SAP_SESSION_LIMIT));
            }
            return OnContext.future(users.submitToKey(userId, new Admit(clientKey, sessionId, policy.maxSessionsPerUser())))
                    .compose(code -> code == 0 ? Future.<Void>succeededFuture()
                            : OnContext.future(counters.submitToKey(TOTAL, new Free()))
                                    .compose(v -> Future.failedFuture(new CspException(StatusCode.fromCode(code)))));
        });
    }

    /** Answered by the near cache once the entry has been read here (HazelcastSetup). */
    @Override
    public Future<List<String>> sessionsOf(String userId) {
        return OnContext.future(users.getAsync(userId)).map(HazelcastUserSessionRegistry::ids);
    }

    /** An entry processor runs on the partition owner and never consults the near cache. */
    @Override
    public Future<List<String>> currentSessionsOf(String userId) {
        return OnContext.future(users.submitToKey(userId, new ReadSessions())).map(HazelcastUserSessionRegistry::ids);
    }

    private static List<String> ids(UserSessions u) {
        return u == null ? List.of() : u.sessions().stream().map(s -> s[0]).toList();
    }

    @Override
    public Future<Boolean> reassert(String userId, String clientKey, String sessionId) {
        return OnContext.future(users.submitToKey(userId, new Reassert(clientKey, sessionId))).compose(outcome -> switch (outcome) {
            case Reassert.ADDED -> OnContext.future(counters.submitToKey(TOTAL, new Reserve(AdmissionPolicy.UNLIMITED.maxSessions()))).map(true);
            case Reassert.PRESENT -> Future.succeededFuture(true);
            default -> Future.succeededFuture(false);
        });
    }

    @Override
    public Future<Void> release(String userId, String sessionId) {
        return OnContext.future(users.submitToKey(userId, new Remove(sessionId))).compose(removed -> removed
                ? OnContext.future(counters.submitToKey(TOTAL, new Free())).mapEmpty()
                : Future.succeededFuture());
    }

    /**
     * One user's live sessions: pairs of Session-ID and Client-ID key. This form, and the fields of
     * the entry processors below, are what nodes of the previous and the next build exchange during a
     * rolling upgrade: they stay as they are.
     */
    record UserSessions(List<String[]> sessions) implements Serializable {
        List<LiveSession> live() {
            return sessions.stream().map(s -> new LiveSession(s[0], s[1])).toList();
        }
    }

    /**
     * Reads the entry on its partition owner. Like the directory's {@code ReadOwner}, a class of its own:
     * entry processors cross the cluster by class name, so renaming one would break a rolling upgrade.
     */
    record ReadSessions() implements EntryProcessor<String, UserSessions, UserSessions>, ReadOnly {
        @Override
        public UserSessions process(Map.Entry<String, UserSessions> entry) {
            return entry.getValue();
        }

        @Override
        public EntryProcessor<String, UserSessions, UserSessions> getBackupProcessor() {
            return null;
        }
    }

    /** Applies {@link AdmissionPolicy} where the user's entry lives: 0 once admitted, else the refusal's code. */
    record Admit(String clientKey, String sessionId, int max) implements EntryProcessor<String, UserSessions, Integer> {
        @Override
        public Integer process(Map.Entry<String, UserSessions> entry) {
            List<String[]> list = entry.getValue() == null ? new ArrayList<>() : new ArrayList<>(entry.getValue().sessions());
            StatusCode refusal = AdmissionPolicy.perUser(max).refusal(entry.getValue() == null ? List.of()
                    : entry.getValue().live(), clientKey);
            if (refusal != null) {
                return refusal.code();
            }
            list.add(new String[] {sessionId, clientKey});
            entry.setValue(new UserSessions(list));
            return 0;
        }
    }

    /** Puts a session back into its user's list unless another session holds its Client-ID. */
    record Reassert(String clientKey, String sessionId) implements EntryProcessor<String, UserSessions, Integer> {
        static final int PRESENT = 0;
        static final int ADDED = 1;
        static final int CLIENT_ID_TAKEN = 2;

        @Override
        public Integer process(Map.Entry<String, UserSessions> entry) {
            List<String[]> list = entry.getValue() == null ? new ArrayList<>() : new ArrayList<>(entry.getValue().sessions());
            if (list.stream().anyMatch(s -> s[0].equals(sessionId))) {
                return PRESENT;
            }
            if (list.stream().anyMatch(s -> s[1].equals(clientKey))) {
                return CLIENT_ID_TAKEN;
            }
            list.add(new String[] {sessionId, clientKey});
            entry.setValue(new UserSessions(list));
            return ADDED;
        }
    }

    record Remove(String sessionId) implements EntryProcessor<String, UserSessions, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, UserSessions> entry) {
            if (entry.getValue() == null) {
                return false;
            }
            List<String[]> list = new ArrayList<>(entry.getValue().sessions());
            boolean removed = list.removeIf(s -> s[0].equals(sessionId));
            entry.setValue(list.isEmpty() ? null : new UserSessions(list));
            return removed;
        }
    }

    record Reserve(int max) implements EntryProcessor<String, Integer, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, Integer> entry) {
            int current = entry.getValue() == null ? 0 : entry.getValue();
            if (!AdmissionPolicy.serviceWide(max).hasRoomBeside(current)) {
                return false;
            }
            entry.setValue(current + 1);
            return true;
        }
    }

    record Free() implements EntryProcessor<String, Integer, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, Integer> entry) {
            int current = entry.getValue() == null ? 0 : entry.getValue();
            entry.setValue(Math.max(0, current - 1));
            return true;
        }
    }
}
