package dev.rebound.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MongoNodeTest {

    @Test
    void dataSurvivesARestart(@TempDir Path data) throws Exception {
        try (MongoNode mongo = MongoNode.start(data, 0); MongoClient client = MongoClients.create(mongo.uri())) {
            client.getDatabase("rebound_scoring").getCollection("profiles")
                    .insertOne(new Document("_id", "acme:cus_1").append("stage", "CHURNED"));
        }
        try (MongoNode mongo = MongoNode.start(data, 0); MongoClient client = MongoClients.create(mongo.uri())) {
            Document profile = client.getDatabase("rebound_scoring").getCollection("profiles")
                    .find(new Document("_id", "acme:cus_1")).first();
            assertThat(profile).isNotNull();
            assertThat(profile.getString("stage")).isEqualTo("CHURNED");
        }
    }
}
