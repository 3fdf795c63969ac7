package dev.coffer.server.identity;

/** What a panel admin may do: provider admins reach every customer, customer admins only their own. */
public enum PanelRole {
    PROVIDER_ADMIN,
    CUSTOMER_ADMIN
}
