package dev.rebound.recovery.invoice;

/** What billing-recovery reports about its work (metrics live behind this port). */
public interface RecoveryObserver {

    /** A retry was charged: {@code outcome} is succeeded or declined. */
    void attempted(String declineClass, String outcome);

    void recovered(long amount, String currency);

    /** A decline code the rule table does not know got the cautious default. */
    void unknownDeclineCode();

    RecoveryObserver NONE = new RecoveryObserver() {
        @Override public void attempted(String declineClass, String outcome) { }
        @Override public void recovered(long amount, String currency) { }
        @Override public void unknownDeclineCode() { }
    };
}
