package worker

var Version = "1.0"

func Run() {}
