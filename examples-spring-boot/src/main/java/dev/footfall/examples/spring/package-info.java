/** A minimal Spring Boot application with Footfall mounted. Not API. */
package dev.footfall.examples.spring;
