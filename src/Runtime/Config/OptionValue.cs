namespace ItemEval.Runtime.Config;

/// <summary>What a model option's value must look like.</summary>
internal enum OptionValue
{
    WholeNumber,
    Number,
    HttpUrl,
}
