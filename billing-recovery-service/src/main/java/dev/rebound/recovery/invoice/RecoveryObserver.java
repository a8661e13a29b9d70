package dev.rebound.recovery.invoice;

/** What billing-recovery reports about its work (metrics live behind this port). */
public interface RecoveryObserver {

    /** A retry was charged: {@code outcome} is succeeded or declined. */
    void attempted(String declineClass, String cardBrand, String outcome);

    /** @param source what brought it back: retry, card_update or dunning_message:&lt;channel&gt; */
    void recovered(long amount, String currency, String source);

    /** A decline code the rule table does not know got the cautious default. */
    void unknownDeclineCode();

    RecoveryObserver NONE = new RecoveryObserver() {
        @Override public void attempted(String declineClass, String cardBrand, String outcome) { }
        @Override public void recovered(long amount, String currency, String source) { }
        @Override public void unknownDeclineCode() { }
    };
}
