namespace ItemEval.Runtime.Config;

/// <summary>
/// Every code ItemEval reports. The hundreds group decides the exit status (docs/diagnostics.md):
/// 01xx/02xx/05xx configuration or usage (2), 03xx budget (3 confirmation, 4 over cap), 04xx failed cells (1).
/// </summary>
public static class DiagnosticCodes
{
    // 01xx: the study file and what it names.
    public const string StudyFileMissing = "IEV0100";
    public const string UnknownPlaceholder = "IEV0101";
    public const string YamlSyntax = "IEV0102";
    public const string UnknownKey = "IEV0103";
    public const string WrongType = "IEV0104";
    public const string MissingKey = "IEV0105";
    public const string DuplicateName = "IEV0106";
    public const string MissingFile = "IEV0107";
    public const string InvalidValue = "IEV0108";
    public const string UnknownProvider = "IEV0109";
    public const string InvalidLane = "IEV0110";
    public const string MissingApiKey = "IEV0111";
    public const string PathOutsideStudy = "IEV0112";
    public const string PricingUnavailable = "IEV0113";

    // 02xx: datasets and locks.
    public const string DatasetUnreadable = "IEV0200";
    public const string DuplicateItemId = "IEV0201";
    public const string MissingColumn = "IEV0202";
    public const string DatasetChanged = "IEV0203";
    public const string EmptyItemField = "IEV0204";
    public const string LockUnreadable = "IEV0205";
    public const string TooLarge = "IEV0206";

    // 03xx: budget.
    public const string ConfirmationNeeded = "IEV0301";
    public const string OverBudget = "IEV0302";
    public const string UnknownPrice = "IEV0303";
    public const string UncappedGeneration = "IEV0304";
    public const string ReasoningDominates = "IEV0305";
    public const string BooksDoNotBalance = "IEV0306";

    // 04xx: cells that ran and failed.
    public const string FailedCells = "IEV0401";
    public const string GradingFailed = "IEV0402";
    public const string VerifyFirstFailed = "IEV0404";
    public const string BatchNotSubmitted = "IEV0405";

    // 05xx: the store and the run.
    public const string StudyLocked = "IEV0501";
    public const string StoreSchemaTooNew = "IEV0502";
    public const string Cancelled = "IEV0503";
    public const string BatchesInFlight = "IEV0504";

    // 09xx: bugs in ItemEval itself.
    public const string InternalError = "IEV0900";
}
