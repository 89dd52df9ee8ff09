using Microsoft.Build.Locator;

// The locator must find the SDK's MSBuild before any MSBuild type is touched, so nothing else happens here.
MSBuildLocator.RegisterDefaults();
return ItemEval.Build.Cli.Run(args);
