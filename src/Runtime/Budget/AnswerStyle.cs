namespace ItemEval.Runtime.Budget;

/// <summary>How long a template asks the model to answer: a short final answer, or worked reasoning before it.</summary>
public enum AnswerStyle
{
    Direct,
    StepByStep,
}
