ExitStatus.runAndExit()
