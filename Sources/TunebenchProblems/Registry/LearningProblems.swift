import TunebenchCore

/// The registry entries of the machine-learning problems: a model family tuned on synthetic data (see
/// ``LearningProblem`` and ``LearningOptions``).
///
/// `Registry.builtin` (in the `Tunebench` module) registers ``entries`` after ``BuiltinProblems/entries``. They are
/// not in the classic suite: their optimum is unknown.
///
/// | name     | model                                                      | fidelity (epochs)   |
/// |----------|------------------------------------------------------------|---------------------|
/// | `logreg` | multinomial logistic regression, SGD with momentum         | 1, 3, 9, 27, 81     |
/// | `mlp`    | multilayer perceptron, 1–3 hidden layers, Adam             | 1, 3, 9, 27, 81     |
/// | `random-forest` | random forest of CART trees                         | 4, 8, 16, 32, 64 trees |
/// | `knn`    | k-nearest neighbours                                       | none                |
/// | `cash`   | a choice of model, then its hyperparameters (conditional)  | none                |
public enum LearningProblems {
    /// Every learning problem, in listing order.
    public static var entries: [ProblemEntry] { gradientTrainedEntries + instanceBasedEntries }
}
