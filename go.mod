module github.com/certwatch/certwatch

go 1.26
