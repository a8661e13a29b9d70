package dev.rebound.scoring.infra.ml;

import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.rebound.scoring.modeling.ChurnTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tribuo's logistic regression (SGD with AdaGrad on the log loss, Apache-2.0). Its two-label softmax is turned into
 * one coefficient per input towards churn (churned minus stayed), which is the same model.
 */
public final class TribuoChurnTrainer implements ChurnTrainer {

    private static final String CHURNED = "churned";
    private static final String STAYED = "stayed";
    private static final int EPOCHS = 30;

    @Override
    public double[] fit(String[] columns, double[][] x, boolean[] churned, long seed) {
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("rebound customers", labels),
                labels);
        for (int i = 0; i < x.length; i++) {
            data.add(new ArrayExample<>(new Label(churned[i] ? CHURNED : STAYED), columns, x[i]));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), EPOCHS,
                Integer.MAX_VALUE, 1, seed);
        LinearSGDModel model = (LinearSGDModel) trainer.train(data);
        Map<String, List<Pair<String, Double>>> top = model.getTopFeatures(-1);
        Map<String, Double> towardsChurn = weights(top.get(CHURNED));
        Map<String, Double> towardsStay = weights(top.get(STAYED));
        double[] coefficients = new double[columns.length + 1];
        for (int j = 0; j < columns.length; j++) {
            coefficients[j] = towardsChurn.getOrDefault(columns[j], 0.0) - towardsStay.getOrDefault(columns[j], 0.0);
        }
        coefficients[columns.length] = towardsChurn.getOrDefault(BIAS, 0.0) - towardsStay.getOrDefault(BIAS, 0.0);
        return coefficients;
    }

    private static final String BIAS = Model.BIAS_FEATURE;

    private static Map<String, Double> weights(List<Pair<String, Double>> pairs) {
        Map<String, Double> map = new HashMap<>();
        if (pairs != null) {
            pairs.forEach(p -> map.put(p.getA(), p.getB()));
        }
        return map;
    }

    @Override
    public double auc(boolean[] churned, double[] scores) {
        return LabelEvaluationUtil.binaryAUCROC(churned, scores);
    }
}
