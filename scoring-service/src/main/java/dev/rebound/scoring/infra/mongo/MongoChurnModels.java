package dev.rebound.scoring.infra.mongo;

import dev.rebound.scoring.modeling.ChurnModel;
import dev.rebound.scoring.modeling.ChurnModels;
import dev.rebound.scoring.profile.CustomerProfile;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Models in {@code scoring_models}: per tenant the latest training ({@code <tenant>:latest}) and the active model
 * ({@code <tenant>:active}), as plain coefficients (no serialised classes). Customers are read in pages of
 * {@value #PAGE} by id, without the parts training does not need.
 */
public final class MongoChurnModels implements ChurnModels {

    static final String COLLECTION = "scoring_models";
    static final int PAGE = 1000;
    private final MongoTemplate mongo;

    public MongoChurnModels(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<ChurnModel> active(String tenantId) {
        return read(tenantId + ":active");
    }

    @Override
    public Optional<ChurnModel> latest(String tenantId) {
        return read(tenantId + ":latest");
    }

    @Override
    public void save(ChurnModel model) {
        Document d = write(model);
        mongo.save(new Document(d).append("_id", model.tenantId() + ":latest"), COLLECTION);
        if (model.report().active()) {
            mongo.save(new Document(d).append("_id", model.tenantId() + ":active"), COLLECTION);
        }
    }

    @Override
    public void forEachCustomer(String tenantId, Consumer<CustomerProfile> customer) {
        String after = null;
        List<CustomerProfile> page;
        do {
            Criteria criteria = where("tenantId").is(tenantId);
            if (after != null) {
                criteria = criteria.and("_id").gt(after);
            }
            Query query = Query.query(criteria).with(Sort.by("_id")).limit(PAGE);
            query.fields().exclude("outbox", "recentEventIds", "revenue", "riskReasons");
            page = mongo.find(query, CustomerProfile.class, MongoProfileStore.COLLECTION);
            page.forEach(customer);
            after = page.isEmpty() ? after : page.getLast().id();
        } while (page.size() == PAGE);
    }

    @Override
    public List<String> tenants() {
        return mongo.findDistinct(new Query(), "tenantId", MongoProfileStore.COLLECTION, String.class);
    }

    private Optional<ChurnModel> read(String id) {
        Document d = mongo.findById(id, Document.class, COLLECTION);
        if (d == null) {
            return Optional.empty();
        }
        Document r = d.get("report", Document.class);
        ChurnModel.Report report = new ChurnModel.Report(r.getDate("trainedAt").toInstant(), r.getInteger("churned"),
                r.getInteger("stayed"), r.getInteger("heldOutChurned"), r.getInteger("heldOutStayed"),
                r.getDouble("auc"), r.getDouble("weightsAuc"), r.getBoolean("active"), r.getString("note"));
        return Optional.of(new ChurnModel(d.getString("tenantId"), d.getList("features", String.class),
                doubles(d, "means"), doubles(d, "scales"), doubles(d, "weights"), d.getDouble("bias"), report));
    }

    private static double[] doubles(Document d, String field) {
        return d.getList(field, Double.class).stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Document write(ChurnModel m) {
        ChurnModel.Report r = m.report();
        return new Document("tenantId", m.tenantId()).append("features", m.features())
                .append("means", Arrays.stream(m.means()).boxed().toList())
                .append("scales", Arrays.stream(m.scales()).boxed().toList())
                .append("weights", Arrays.stream(m.weights()).boxed().toList()).append("bias", m.bias())
                .append("report", new Document("trainedAt", Date.from(r.trainedAt())).append("churned", r.churned())
                        .append("stayed", r.stayed()).append("heldOutChurned", r.heldOutChurned())
                        .append("heldOutStayed", r.heldOutStayed()).append("auc", r.auc())
                        .append("weightsAuc", r.weightsAuc()).append("active", r.active()).append("note", r.note()));
    }
}
