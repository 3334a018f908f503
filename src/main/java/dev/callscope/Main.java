package dev.callscope; public class Main { public static void main(String[] a){} }
