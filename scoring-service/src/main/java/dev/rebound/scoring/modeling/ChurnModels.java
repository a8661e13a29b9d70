package dev.rebound.scoring.modeling;

import dev.rebound.scoring.profile.CustomerProfile;

import java.util.Optional;
import java.util.function.Consumer;

/** Where each tenant's models and training history live. */
public interface ChurnModels {

    /** The model scoring the tenant's customers, if one beat the weights. */
    Optional<ChurnModel> active(String tenantId);

    /** The latest training's outcome, active or not. */
    Optional<ChurnModel> latest(String tenantId);

    /** Stores a training's outcome as the latest; when its report says active, also as the active model. */
    void save(ChurnModel model);

    /** Each of the tenant's customers, in pages, never all at once. */
    void forEachCustomer(String tenantId, Consumer<CustomerProfile> customer);

    /** The tenants that have customers. */
    java.util.List<String> tenants();
}
