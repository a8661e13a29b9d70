package dev.rebound.scoring.modeling;

/** Fits a logistic regression and measures rankings: the machine-learning library behind a port. */
public interface ChurnTrainer {

    /** Coefficients for the columns of {@code x} (standardised), and the intercept last. */
    double[] fit(String[] columns, double[][] x, boolean[] churned, long seed);

    /** The area under the ROC curve of {@code scores} (higher: more likely to churn) for the outcomes. */
    double auc(boolean[] churned, double[] scores);
}
