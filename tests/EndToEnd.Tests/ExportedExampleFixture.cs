namespace ItemEval.EndToEnd.Tests;

/// <summary>One full export of the example study, shared by tests that only read it.</summary>
public sealed class ExportedExampleFixture : IDisposable
{
    public ExportedExampleFixture()
    {
        Study = StudyWorkspace.CopyOf("example");
        Result = Study.Build("Export");
    }

    internal StudyWorkspace Study { get; }

    internal FrontEndResult Result { get; }

    public void Dispose() => Study.Dispose();
}
