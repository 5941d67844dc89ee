using HeadCt.PerfGuard;

// dotnet run -c Release --project bench/PerfGuard -- j2k [rounds]      JPEG 2000 against OpenJPEG in-process
// dotnet run -c Release --project bench/PerfGuard -- j2k-profile ours|openjpeg <corpus entry> <seconds>
return args.Length > 0 && args[0] == "j2k" ? Jpeg2000Comparison.Run(args[1..])
    : args.Length > 0 && args[0] == "j2k-profile" ? Jpeg2000Profile.Run(args[1..])
    : 1;
