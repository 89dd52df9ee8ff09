namespace ItemEval.EndToEnd.Tests.Money;

/// <summary>The example's items and templates on one paid model (openai/gpt-4o-mini): 20 items × 2 templates = 40 cells.</summary>
internal static class PaidExampleStudy
{
    /// <param name="budget">The lines under <c>budget:</c>, each indented by two spaces.</param>
    /// <param name="options">The model's options mapping, e.g. <c>{max_concurrency: 4}</c>.</param>
    public static StudyWorkspace Create(string name, string budget, string options = "{}")
    {
        var study = StudyWorkspace.CopyOf("example");
        study.Edit("study.yaml", _ => $"""
            name: {name}
            datasets:
              - name: quiz
                path: data/items.jsonl
                mapping: {"{"}id: id, input: question, target: answer, choices: choices, scheme: scheme, metadata: [topic]{"}"}
            design:
              models:
                - id: openai/gpt-4o-mini
                  options: {options}
                  lanes:
                    - name: t0
                      temperature: 0
                      max_tokens: 64
              templates:
                - name: direct
                  path: prompts/direct.txt
                - name: cot
                  path: prompts/cot.txt
            graders:
              - name: numeric
                type: numeric
                scheme: numeric
            budget:
            {budget}
            """);
        return study;
    }
}
