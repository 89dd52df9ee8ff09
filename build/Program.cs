using Microsoft.Build.Locator;
MSBuildLocator.RegisterDefaults();
return ItemEval.Build.Runner.Run(args);
