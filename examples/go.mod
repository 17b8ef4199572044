module example.com/gomend-examples

go 1.24
