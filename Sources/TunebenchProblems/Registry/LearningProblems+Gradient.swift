import TunebenchCore

extension LearningProblems {
    /// The models trained by gradient descent.
    static let gradientTrainedEntries: [ProblemEntry] = []
}
