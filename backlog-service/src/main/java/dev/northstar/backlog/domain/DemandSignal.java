package dev.northstar.backlog.domain;

/**
 * Customer demand for an item: the distinct accounts asking for it or for its initiative (feedback
 * linked to either, or votes), as analytics counts them. It adds to business value on the WSJF scale:
 * 1 account 1, 2 accounts 2, 3-4 accounts 3, 5-7 accounts 5, 8-12 accounts 8, 13 or more 13.
 */
public record DemandSignal(int accounts) {

    public int bonus() {
        if (accounts >= 13) {
            return 13;
        }
        if (accounts >= 8) {
            return 8;
        }
        if (accounts >= 5) {
            return 5;
        }
        if (accounts >= 3) {
            return 3;
        }
        return Math.max(0, accounts);
    }
}
