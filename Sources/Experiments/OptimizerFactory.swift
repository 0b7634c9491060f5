import Engine

extension OptimizerSpec {
    /// The engine optimizer this spec names, with every hyperparameter from the spec.
    func makeOptimizer() -> Optimizer {
        let lr = Float(learningRate), decay = Float(weightDecay)
        switch name {
        case .sgd:
            return SGD(learningRate: lr, momentum: Float(momentum), nesterov: nesterov, weightDecay: decay)
        case .adam:
            return Adam(learningRate: lr, beta1: Float(beta1), beta2: Float(beta2), epsilon: Float(epsilon),
                        weightDecay: decay)
        case .rmsprop:
            return RMSprop(learningRate: lr, rho: Float(rho), momentum: Float(momentum), epsilon: Float(epsilon),
                           weightDecay: decay)
        case .adagrad:
            return Adagrad(learningRate: lr, initialAccumulatorValue: Float(initialAccumulatorValue),
                           epsilon: Float(epsilon), weightDecay: decay)
        }
    }
}

extension TrainingSpec {
    /// The learning-rate schedule this spec names; the engine counts epochs from 0, the file
    /// from 1.
    var schedule: LearningRateSchedule {
        guard let s = lrSchedule else { return .constant }
        return .stepDecay(factor: Float(s.factor), every: s.every, firstDecay: s.start - 1)
    }
}
