package dev.coffer.server.panel.quota;

/**
 * The part every form with a quota widget shares: the quotas, and the version of the row when the page was opened
 * (optimistic locking: a stale form is refused instead of overwriting someone else's change).
 */
public abstract class QuotaFormHolder {

    private QuotaForm quotas = new QuotaForm();
    private long version;

    public QuotaForm getQuotas() {
        return quotas;
    }

    public void setQuotas(QuotaForm quotas) {
        this.quotas = quotas;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }
}
