using YamlDotNet.RepresentationModel;

namespace ItemEval.Runtime.Config;

/// <summary>
/// Checks a key of study.yaml that names a file (a dataset, a template, a system prompt): it must lead, after
/// symbolic links, into an allowed folder, and exist. Every file key goes through here, so none can be forgotten.
/// </summary>
internal static class FileKeys
{
    /// <returns>False when the path leads out of the allowed folders: nothing more about it is worth saying.</returns>
    public static bool Check(ConfigReader reader, AllowedFolders folders, YamlMappingNode map, string key, string? path, string what)
    {
        if (path is null)
        {
            return true;
        }

        var node = reader.Node(map, key)!;
        var located = folders.Locate(path);
        if (!located.Allowed)
        {
            var leads = located.Real == located.Full ? located.Full : $"{located.Full}, really {located.Real}";
            reader.Error(DiagnosticCodes.PathOutsideStudy, $"{what}: {path} leads outside the folders a study may read ({leads}); allowed is {folders.Explain()}", node);
            return false;
        }

        if (!File.Exists(located.Real))
        {
            var kind = Directory.Exists(located.Real) ? "is a folder, not a file" : "not found";
            reader.Error(DiagnosticCodes.MissingFile, $"{what}: file {path} {kind} (looked at {located.Full})", node);
        }

        return true;
    }
}
